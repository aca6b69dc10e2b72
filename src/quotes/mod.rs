//! The quote pass: direct, mixed and indirect quotes with their cues and
//! speakers, the speakers resolved to their fullest earlier mention.
//!
//! ## What it does
//! [`extract`] reads the text and the sentence layer, paragraph by
//! paragraph:
//!
//! 1. **Direct quotes.** The quoted stretches of the paragraph (`marks`) are
//!    grouped: a stretch joins the one before when only an attribution
//!    (“X,” he said, “Y.”) or nothing but punctuation lies between them and
//!    it has no introduction of its own. A group takes its attribution from
//!    right after a stretch (`“…,” Smith said`, `“…” said Smith`, `“…,”
//!    according to X`, `“…” — Commissioner X`) or right before it (`Smith
//!    said, “…”`, `X told reporters: “…”`, a participle `…, stating, “…”`
//!    whose speaker is the sentence subject).
//! 2. **Mixed quotes.** A quoted fragment inside reported speech: a cue
//!    earlier in the sentence (`Smith noted that … “…”`) starts the content
//!    after the cue; an attribution after a fragment that follows other
//!    words of its sentence (`The two sides agreed on a “plan,” according to
//!    X`) starts the content at the sentence start.
//! 3. **Follow-on quotes.** A quote over several paragraphs (each paragraph
//!    opens a mark, only the last closes) is one quote. A quote paragraph
//!    with no attribution right after a quote carries its speaker; one after
//!    a line ending in a colon (`And from Chairwoman Rosenworcel:`) takes the
//!    speaker of that line.
//! 4. **Indirect quotes**, outside quotation marks, one per sentence:
//!    `X said (that) …`, `X told Y (that) …`, `X believes/wants to/found …`,
//!    `…, X said.`, `…, said X.`, `According to X, …` and `…, according to
//!    X.` The cue words and their classes (speech, belief, intention,
//!    finding; `source` for "according to", a dash line) are in
//!    rules/quotes.rules.
//! 5. **Speakers** are resolved in text order (`speakers::resolve`):
//!    pronouns to the most recent earlier speaker of the same sort (a person
//!    for he/she, a document or institution for it) within about three
//!    paragraphs, names and descriptions to the longest earlier speaker
//!    mention with the same head word. I, we, you and they stay unresolved.
//!
//! **Not quotes**: scare quotes and titles. A quoted stretch with no
//! attribution, of at most three words, that does not make up its sentence
//! (declared “victory”, the film “Argo”) is dropped; with an attribution in
//! its sentence it is part of a mixed quote.
//!
//! ## Inputs and outputs
//! The text and the sentence layer (paragraphs, sentences). A `QuoteLayer`:
//! quotes in text order of their content, contents never overlapping. The
//! kind is computed from the marks as the scorer does: direct when (nearly)
//! every letter of the content is inside marks, indirect when none is.
//!
//! ## Invariants
//! Work is linear in the paragraph (one token pass, bounded look-arounds);
//! a missing closing mark costs at most the rest of its paragraph.
//!
//! ## Known problems
//! Speaker phrases come from word classes, not a parser. Attributions whose
//! content is a noun phrase ("X denied the report") are not found.

mod lexicon;
mod marks;
mod speakers;
mod tokens;

use crate::document::{Cue, Document, Quote, QuoteKind, QuoteLayer, SentenceLayer, Speaker};
use crate::span::Span;

use lexicon::{capitalized, tagged, LEAD, LEXICON as LEX, PRONOUN};
use marks::Stretch;
use speakers::Mention;
use tokens::{Tok, Token};

/// Finds the quotes of `doc`.
pub fn extract(doc: &Document, sl: &SentenceLayer) -> QuoteLayer {
    let text = doc.text.as_str();
    let mut found: Vec<Found> = Vec::new();
    let mut all_stretches: Vec<Stretch> = Vec::new();
    let mut toks = Vec::new();
    let mut prev_toks: Vec<Token> = Vec::new();
    let mut subjects: Vec<Mention> = Vec::new();
    let mut sent = 0;
    for (p, &para) in sl.paragraphs.iter().enumerate() {
        while sent < sl.sentences.len() && sl.sentences[sent].paragraph < p {
            sent += 1;
        }
        let st = marks::stretches(text, para);
        // Most paragraphs have neither marks nor a word that may be a cue.
        // A line ending in a colon may introduce the quote after it.
        let intro_line = para.slice(text).trim_end().ends_with(':');
        if st.is_empty() && p > 0 && !intro_line && !LEX.any_cue(para.slice(text)) {
            toks.clear();
            std::mem::swap(&mut toks, &mut prev_toks);
            continue;
        }
        tokens::tokenize(text, para, &sl.sentences, sent, &mut toks);
        let first_new = found.len();
        direct(text, &toks, &st, p, &prev_toks, &mut found);
        indirect(text, &toks, &st, p, first_new, &mut found);
        all_stretches.extend_from_slice(&st);
        std::mem::swap(&mut toks, &mut prev_toks);
    }
    found.sort_by_key(|f| (f.content.start, f.content.end));
    // Sentence subjects are antecedents for "it"; they are read only near
    // such a speaker.
    for f in &found {
        let Some(sp) = f.speaker else { continue };
        if !sp.slice(text).eq_ignore_ascii_case("it") {
            continue;
        }
        let from = sl.sentences.partition_point(|s| s.span.end + speakers::PRONOUN_REACH < sp.start);
        for (i, s) in sl.sentences.iter().enumerate().skip(from) {
            if s.span.start >= sp.start {
                break;
            }
            if subjects.last().is_some_and(|m: &Mention| m.at.start >= s.span.start) {
                continue;
            }
            tokens::tokenize(text, s.span, &sl.sentences, i, &mut toks);
            sentence_subjects(text, &toks, &mut subjects);
        }
    }
    let mut quotes = Vec::with_capacity(found.len());
    let mut history: Vec<Mention> = Vec::new();
    let mut last_end = 0;
    for (i, f) in found.iter().enumerate() {
        if f.content.start < last_end || f.content.is_empty() {
            continue;
        }
        // A lone fragment gives way to an attribution that holds it.
        if f.rule == "direct-fragment"
            && found[i + 1..]
                .iter()
                .take_while(|g| g.content.start < f.content.end)
                .any(|g| g.content.overlaps(f.content))
        {
            continue;
        }
        last_end = f.content.end;
        let speaker = f.speaker.map(|sp| {
            let (resolved, sort) = speakers::resolve(text, sp, &history, &subjects);
            if let Some(r) = resolved {
                history.push(Mention { at: sp, resolved: r, sort });
            }
            Speaker { span: sp, resolved }
        });
        // A split quote (“X,” he said, “Y.”) is direct although its span
        // holds the attribution.
        let k = match kind(text, f.content, &all_stretches) {
            QuoteKind::Mixed if f.rule.starts_with("direct") => QuoteKind::Direct,
            k => k,
        };
        quotes.push(Quote { kind: k, content: f.content, cue: f.cue, speaker, rule: f.rule });
    }
    QuoteLayer { quotes }
}

/// The subject of each sentence of a paragraph that names a thing (a
/// document, an institution), as antecedents for pronoun speakers.
fn sentence_subjects(text: &str, toks: &[Token], out: &mut Vec<Mention>) {
    let mut a = 0;
    while a < toks.len() {
        let mut b = a;
        while b + 1 < toks.len() && toks[b + 1].sentence == toks[a].sentence {
            b += 1;
        }
        if let Some(r) = speakers::subject(text, toks, a, b + 1) {
            let sp = speakers::span(toks, r);
            // Only things: a capitalised sentence opening is too often no
            // person ("In response, ...") to stand for "he".
            if !LEX.pronoun(sp.slice(text)) && speakers::sort_of(text, sp) == speakers::Sort::Thing {
                out.push(Mention { at: sp, resolved: sp, sort: speakers::Sort::Thing });
            }
        }
        a = b + 1;
    }
}

/// A quote before its speaker is resolved.
#[derive(Clone, Copy, Debug)]
struct Found {
    content: Span,
    cue: Option<Cue>,
    speaker: Option<Span>,
    /// The paragraph its content ends in.
    paragraph: usize,
    /// Whether its last stretch was left open at a paragraph end.
    open_end: bool,
    direct: bool,
    rule: &'static str,
}

/// An attribution: a cue and the speaker phrase next to it.
#[derive(Clone, Copy, Debug)]
struct Attr {
    cue: Span,
    class: &'static str,
    speaker: Option<Span>,
    /// The last token of the attribution.
    last: usize,
}

fn word<'t>(text: &'t str, toks: &[Token], i: usize) -> &'t str {
    toks[i].span.slice(text)
}

fn is_word(toks: &[Token], i: usize) -> bool {
    toks[i].kind == Tok::Word
}

/// `according to` at token `k`.
fn according(text: &str, toks: &[Token], k: usize) -> bool {
    k + 1 < toks.len()
        && word(text, toks, k).eq_ignore_ascii_case("according")
        && word(text, toks, k + 1).eq_ignore_ascii_case("to")
}

fn cue_at(text: &str, toks: &[Token], k: usize) -> Option<&'static str> {
    let class = toks[k].lex.and_then(|e| e.class)?;
    // A capitalised cue inside a run of capitals is a name ("the United
    // States called"), unless the line is in title case ("Pence Calls for
    // Special Prosecutor").
    let w = word(text, toks, k);
    if capitalized(w) && k > 0 && toks[k - 1].sentence == toks[k].sentence && is_word(toks, k - 1) {
        let sent = toks[k].sentence;
        let (mut n, mut caps) = (0, 0);
        for t in toks.iter().filter(|t| t.sentence == sent && t.kind == Tok::Word) {
            n += 1;
            caps += usize::from(capitalized(t.span.slice(text)));
        }
        let title_case = caps * 10 >= n * 7;
        if capitalized(word(text, toks, k - 1)) && !title_case {
            return None;
        }
    }
    Some(class)
}

/// A participle cue ("stating", "adding") takes the subject of its
/// sentence as speaker.
fn participle(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ing")
}

/// The token range of each stretch: (first, last) token indexes.
fn stretch_tokens(toks: &[Token], st: &[Stretch]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(st.len());
    let mut k = 0;
    for s in st {
        while k < toks.len() && toks[k].span.start < s.span.start {
            k += 1;
        }
        let a = k;
        while k < toks.len() && toks[k].span.end <= s.span.end {
            k += 1;
        }
        out.push((a, k.saturating_sub(1).max(a)));
    }
    out
}

/// A lower-case past-tense verb ("exhorted", "sniffed"), taken as a speech
/// cue where only an attribution can stand: right after a quote.
fn past_verb(text: &str, toks: &[Token], k: usize) -> Option<&'static str> {
    let w = word(text, toks, k);
    (is_word(toks, k) && w.len() > 4 && w.ends_with("ed") && !capitalized(w)).then_some("speech")
}

/// Whether a speaker phrase ending before token `i` is complete there: at
/// punctuation, the paragraph end, or an adverbial ("said Smith on Monday"),
/// not before "as" or "that" ("described the impact as …").
fn ends_phrase(text: &str, toks: &[Token], i: usize, limit: usize) -> bool {
    if i >= limit || i >= toks.len() {
        return true;
    }
    match toks[i].kind {
        Tok::Word => {
            let w = word(text, toks, i);
            LEX.stop_forward(w) && !LEX.stop_back(w) || matches!(w, "in" | "on" | "at" | "who" | "whose" | "which")
        }
        _ => true,
    }
}

/// The attribution right after the stretch ending at token `close`, before
/// token `limit`.
fn trailer(text: &str, toks: &[Token], close: usize, limit: usize) -> Option<Attr> {
    let mut k = close + 1;
    // A stray apostrophe or bracket after the mark (''…old-school,''').
    while k < limit && toks[k].kind == Tok::Other {
        k += 1;
    }
    if k < limit && toks[k].kind == Tok::Comma {
        k += 1;
    }
    if k >= limit {
        return None;
    }
    if toks[k].kind == Tok::Dash {
        let r = speakers::after(text, toks, k + 1, limit)?;
        if !capitalized(word(text, toks, r.0)) {
            return None;
        }
        return Some(Attr { cue: toks[k].span, class: "source", speaker: Some(speakers::span(toks, r)), last: r.1 });
    }
    if according(text, toks, k) {
        let r = speakers::after(text, toks, k + 2, limit);
        let cue = Span::new(toks[k].span.start, toks[k + 1].span.end);
        return Some(Attr {
            cue,
            class: "source",
            speaker: r.map(|r| speakers::span(toks, r)),
            last: r.map_or(k + 1, |r| r.1),
        });
    }
    if let Some(class) = cue_at(text, toks, k).or_else(|| past_verb(text, toks, k)) {
        let r = speakers::after(text, toks, k + 1, limit)?;
        if !ends_phrase(text, toks, r.1 + 1, limit) {
            return None;
        }
        return Some(Attr { cue: toks[k].span, class, speaker: Some(speakers::span(toks, r)), last: r.1 });
    }
    let hi = limit.min(k + 32);
    for c in k..hi {
        match toks[c].kind {
            Tok::Stop | Tok::Mark | Tok::Semi | Tok::Colon | Tok::Dash => return None,
            Tok::Word => {}
            _ => continue,
        }
        // Right after a quote, any past-tense verb after its subject
        // attributes it ("“…,” Clinton's introducer exhorted.").
        let generic = || past_verb(text, toks, c).filter(|_| ends_phrase(text, toks, c + 1, limit) && c > k);
        let Some(class) = cue_at(text, toks, c).or_else(generic) else { continue };
        let r = speakers::before(text, toks, c, k)?;
        if r.0 > k + 1 {
            return None;
        }
        // "“…girls.” Cruz says, “That is …”": a new sentence whose
        // attribution runs into the next quote introduces that one.
        if toks[k].sentence != toks[close].sentence
            && toks.get(c + 1).is_some_and(|t| matches!(t.kind, Tok::Comma | Tok::Colon))
            && toks.get(c + 2).is_some_and(|t| t.kind == Tok::Mark)
        {
            return None;
        }
        return Some(Attr { cue: toks[c].span, class, speaker: Some(speakers::span(toks, r)), last: c });
    }
    None
}

/// The attribution right before the stretch opening at token `open`, not
/// reaching before token `lo`, and the first token of a mixed quote's
/// content when the cue stands farther back in the sentence.
fn intro(text: &str, toks: &[Token], open: usize, close: usize, lo: usize) -> Option<(Attr, Option<usize>)> {
    if open <= lo {
        return None;
    }
    let mut c = open - 1;
    if matches!(toks[c].kind, Tok::Comma | Tok::Colon) && c > lo {
        c -= 1;
    }
    let sentence_start = (lo..open).rev().find(|&i| toks[i].sentence != toks[open].sentence).map_or(lo, |i| i + 1);
    let adjacent_verb = || {
        let w = word(text, toks, c);
        let verb = w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing")) && !capitalized(w);
        (verb && is_word(toks, c) && c + 1 < open && matches!(toks[c + 1].kind, Tok::Comma | Tok::Colon))
            .then_some("speech")
    };
    if let Some(class) = cue_at(text, toks, c).or_else(adjacent_verb) {
        let w = word(text, toks, c);
        let r = if participle(w) && c > lo && toks[c - 1].kind == Tok::Comma {
            speakers::subject(text, toks, sentence_start, c)
        } else {
            speakers::before(text, toks, c, lo).or_else(|| speakers::subject(text, toks, sentence_start, c))
        };
        let r = r?;
        return Some((Attr { cue: toks[c].span, class, speaker: Some(speakers::span(toks, r)), last: c }, None));
    }
    // "said Smith: “…”", "according to the report, “…”"
    if is_word(toks, c) {
        let mut b = c;
        while b > lo && c - b < 8 && is_word(toks, b - 1) && cue_at(text, toks, b - 1).is_none() {
            b -= 1;
        }
        if b > lo {
            let (cue, class) = if b >= lo + 2 && according(text, toks, b - 2) {
                (Span::new(toks[b - 2].span.start, toks[b - 1].span.end), "source")
            } else if let Some(class) = cue_at(text, toks, b - 1) {
                (toks[b - 1].span, class)
            } else {
                (Span::default(), "")
            };
            if !class.is_empty() {
                if let Some(r) = speakers::after(text, toks, b, c + 1) {
                    if r.1 == c {
                        let attr = Attr { cue, class, speaker: Some(speakers::span(toks, r)), last: c };
                        return Some((attr, None));
                    }
                }
            }
        }
    }
    // Mixed: a cue earlier in the same sentence, its clause running into
    // the quote.
    let floor = sentence_start.max(open.saturating_sub(30));
    let mut k = open;
    while k > floor {
        k -= 1;
        match toks[k].kind {
            Tok::Stop | Tok::Semi | Tok::Mark => return None,
            Tok::Word => {}
            _ => continue,
        }
        let Some(class) = cue_at(text, toks, k) else { continue };
        let w = word(text, toks, k);
        let r = if participle(w) && k > 0 && toks[k - 1].kind == Tok::Comma {
            speakers::subject(text, toks, sentence_start, k)
        } else {
            speakers::before(text, toks, k, sentence_start)
        };
        let r = r?;
        // A short quoted word right after a cue is a scare quote, not what
        // was said (Iraq declared “victory” over ISIS).
        let quoted = words(toks, open, close);
        let before_mark = if open > k + 1 { words(toks, k + 1, open - 1) } else { 0 };
        if quoted < 4 && before_mark < 2 {
            return None;
        }
        let attr = Attr { cue: toks[k].span, class, speaker: Some(speakers::span(toks, r)), last: k };
        return Some((attr, Some(k + 1)));
    }
    None
}

/// Number of words in tokens `a..=b`.
fn words(toks: &[Token], a: usize, b: usize) -> usize {
    (a..=b).filter(|&i| toks[i].kind == Tok::Word).count()
}

/// Direct and mixed quotes of one paragraph.
fn direct(text: &str, toks: &[Token], st: &[Stretch], p: usize, prev_toks: &[Token], found: &mut Vec<Found>) {
    if st.is_empty() {
        return;
    }
    let tr = stretch_tokens(toks, st);
    // A group in progress: first token of content, last stretch index, attribution.
    struct Group {
        start: Span,
        last: usize,
        attr: Option<Attr>,
        rule: &'static str,
        carried: Option<Span>,
        continues: Option<usize>,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut after_prev = 0usize;
    for (i, s) in st.iter().enumerate() {
        let (a, b) = tr[i];
        if a >= toks.len() {
            break;
        }
        let limit = tr.get(i + 1).map_or(toks.len(), |t| t.0);
        let mut pre = intro(text, toks, a, b, after_prev);
        let post = if s.closed { trailer(text, toks, b, limit) } else { None };
        // A short quoted stretch that its sentence goes on after, with no
        // attribution after it, is a scare quote or a title even right after
        // a cue (Iraq declared “victory” over ISIS).
        let goes_on = toks.get(b + 1).is_some_and(|t| t.sentence == toks[b].sentence && t.kind == Tok::Word);
        if post.is_none() && goes_on && words(toks, a, b) <= 3 && pre.is_some_and(|(_, m)| m.is_none()) {
            pre = None;
        }
        // Join the group before: only its attribution or punctuation between.
        if let Some(g) = groups.last_mut() {
            let (_, pb) = tr[g.last];
            let gap_words = if a > pb + 1 { words(toks, pb + 1, a - 1) } else { 0 };
            let attr_covers = g.attr.is_some_and(|at| at.last + 3 >= a && at.cue.start > toks[pb].span.start);
            let own_intro = pre.is_some_and(|(at, _)| g.attr.is_none_or(|ga| ga.cue != at.cue));
            if (gap_words == 0 || attr_covers) && !own_intro && toks[a].sentence <= toks[pb].sentence + 3 {
                g.last = i;
                if g.attr.is_none() {
                    g.attr = post;
                }
                after_prev = post.map_or(b + 1, |at| at.last + 1);
                continue;
            }
        }
        let sentence_start =
            (after_prev..a).rev().find(|&k| toks[k].sentence != toks[a].sentence).map_or(after_prev, |k| k + 1);
        let mut g = Group { start: s.span, last: i, attr: None, rule: "direct", carried: None, continues: None };
        // A cue right after the quote wins over one farther back in its
        // sentence: "The two sides agreed on a “plan,” according to X".
        if post.is_some() && pre.is_some_and(|(_, m)| m.is_some()) {
            pre = None;
        }
        if let Some((at, mixed)) = pre {
            g.attr = Some(at);
            if let Some(m) = mixed {
                g.start = toks[m].span;
                g.rule = "mixed-cue-before";
            } else {
                g.rule = "direct-cue-before";
            }
        } else if let Some(at) = post {
            g.attr = Some(at);
            g.rule = "direct-cue-after";
            if a > sentence_start && words(toks, sentence_start, a - 1) >= 2 {
                g.start = toks[sentence_start].span;
                g.rule = "mixed-cue-after";
            }
        }
        after_prev = g.attr.map_or(b + 1, |at| (at.last + 1).max(b + 1));
        if g.attr.is_none() {
            let inside = words(toks, a, b);
            let embedded = a > sentence_start
                || toks.get(b + 1).is_some_and(|t| t.sentence == toks[b].sentence && t.kind == Tok::Word);
            if inside <= 3 && embedded {
                // A scare quote or a title.
                continue;
            }
            let at_start = a == 0;
            // A multi-paragraph quote: the previous paragraph's quote was
            // left open and this paragraph opens a mark.
            if at_start {
                if let Some(f) = found.last() {
                    if f.direct && f.open_end && f.paragraph + 1 == p {
                        g.continues = Some(found.len() - 1);
                    } else if f.direct && f.paragraph + 1 == p && f.speaker.is_some() {
                        g.carried = f.speaker;
                        g.rule = "direct-carried";
                    }
                }
                if g.continues.is_none() && g.carried.is_none() {
                    if let Some(at) = colon_intro(text, prev_toks) {
                        g.attr = Some(at);
                        g.rule = "direct-colon-line";
                    }
                }
            } else if let Some(pg) = groups.last_mut() {
                // A later quote of the same paragraph without its own
                // attribution belongs to the quote before (PolNeAR makes
                // them one attribution).
                pg.last = i;
                continue;
            } else if a > sentence_start {
                // A fragment inside a sentence with no attribution of its
                // own: an indirect attribution of the sentence, if any, holds
                // it (a mixed quote); otherwise it stands alone.
                g.rule = "direct-fragment";
            }
        }
        groups.push(g);
    }
    for g in groups {
        let s = st[g.last];
        let mut end = if s.closed { s.span.end } else { s.span.trim(text).end };
        // Reported speech with a quoted fragment runs to the end of its
        // clause: "Rubio says Obama is “obsessed” with the Second Amendment."
        if g.rule == "mixed-cue-before" && s.closed {
            let close = tr[g.last].1;
            let limit = tr.get(g.last + 1).map_or(toks.len(), |t| t.0);
            let mut e = close;
            while e + 1 < limit && toks[e + 1].sentence == toks[close].sentence {
                e += 1;
            }
            if e > close {
                let ce = clause_end(text, toks, close, close + 1, e);
                if ce > close && toks[ce].kind == Tok::Word {
                    end = toks[ce].span.end;
                }
            }
        }
        let content = Span::new(g.start.start, end.max(g.start.start));
        let (cue, speaker) = match g.attr {
            Some(at) => (Some(Cue { span: at.cue, class: at.class }), at.speaker),
            None => (None, g.carried),
        };
        if let Some(ci) = g.continues {
            let f = &mut found[ci];
            f.content = Span::new(f.content.start, content.end);
            f.paragraph = p;
            f.open_end = !s.closed;
            if f.speaker.is_none() {
                f.speaker = speaker;
                f.cue = cue;
            }
            continue;
        }
        found.push(Found { content, cue, speaker, paragraph: p, open_end: !s.closed, direct: true, rule: g.rule });
    }
}

/// The attribution of a line that ends in a colon and introduces the quote
/// paragraph after it: "And from Chairwoman Rosenworcel:", "Smith said:".
fn colon_intro(text: &str, prev: &[Token]) -> Option<Attr> {
    let n = prev.len();
    if n < 2 || prev[n - 1].kind != Tok::Colon {
        return None;
    }
    let c = n - 2;
    let lo = (0..n).rev().find(|&i| prev[i].sentence != prev[c].sentence).map_or(0, |i| i + 1);
    if let Some(class) = cue_at(text, prev, c) {
        let r = speakers::before(text, prev, c, lo)?;
        // Spans point into the text, so another paragraph's tokens are fine.
        return Some(Attr { cue: prev[c].span, class, speaker: Some(speakers::span(prev, r)), last: usize::MAX / 2 });
    }
    let from = (lo..c).find(|&i| word(text, prev, i).eq_ignore_ascii_case("from"))?;
    let r = speakers::after(text, prev, from + 1, n - 1)?;
    Some(Attr { cue: prev[from].span, class: "source", speaker: Some(speakers::span(prev, r)), last: usize::MAX / 2 })
}

/// Indirect quotes of one paragraph: at most one per sentence, never over a
/// quote already found.
fn indirect(text: &str, toks: &[Token], st: &[Stretch], p: usize, first_new: usize, found: &mut Vec<Found>) {
    let taken: Vec<Span> =
        found[first_new..].iter().filter(|f| f.rule != "direct-fragment").map(|f| f.content).collect();
    let mut inside = vec![false; toks.len()];
    for (a, b) in stretch_tokens(toks, st) {
        for x in inside.iter_mut().take(b + 1).skip(a) {
            *x = true;
        }
    }
    let in_stretch = |i: usize| inside[i];
    let mut a = 0;
    while a < toks.len() {
        let mut b = a;
        while b + 1 < toks.len() && toks[b + 1].sentence == toks[a].sentence {
            b += 1;
        }
        let mut from = a;
        while let Some(mut f) = sentence_quote(text, toks, from, b, &in_stretch, p) {
            // The next attribution of the sentence is looked for after this one.
            let past = f.content.end.max(f.cue.map_or(0, |c| c.span.end));
            let next = (from..=b).find(|&i| toks[i].span.start >= past).unwrap_or(b + 1);
            // Content that runs into a quote already found stops before it.
            let whole = f.content;
            if let Some(t) = taken.iter().find(|t| t.overlaps(f.content)) {
                if f.content.start < t.start {
                    let mut e = (a..=b).rev().find(|&i| toks[i].span.end <= t.start).unwrap_or(a);
                    while e > a
                        && toks[e].span.start > f.content.start
                        && (!is_word(toks, e)
                            || matches!(word(text, toks, e), "and" | "but" | "or" | "that" | "as" | "with"))
                    {
                        e -= 1;
                    }
                    let first = (a..=b).find(|&i| toks[i].span.start >= f.content.start).unwrap_or(e);
                    if e >= first && words(toks, first, e) >= 3 {
                        f.content = Span::new(f.content.start, toks[e].span.end);
                    }
                }
            }
            // Cut short, a content that now holds its own cue is only the
            // attribution of the quote after it ("However, she added, “…”").
            let holds_cue = f.cue.is_some_and(|c| f.content.contains(c.span));
            let truncated = holds_cue && (f.rule == "indirect-cue-before" || f.content != whole);
            if !truncated && !taken.iter().any(|t| t.overlaps(f.content)) {
                found.push(f);
            }
            if next > b {
                break;
            }
            from = next;
        }
        a = b + 1;
    }
}

/// The end of a clause's content starting at token `from`: the sentence
/// end without its final punctuation, or earlier at a semicolon, at a comma
/// before a participle cue or "according to" (", saying …"), and, when the
/// sentence opens with a subordinator ("While Ramos said that …, he …"), at
/// the comma that closes the subordinate clause.
fn clause_end(text: &str, toks: &[Token], a: usize, from: usize, b: usize) -> usize {
    let mut buf = [0u8; 8];
    let first = word(text, toks, a).as_bytes();
    let n = first.len().min(8);
    for (d, s) in buf.iter_mut().zip(first) {
        *d = s.to_ascii_lowercase();
    }
    let subordinate = is_word(toks, a)
        && first.len() <= 8
        && matches!(
            std::str::from_utf8(&buf[..n]).unwrap_or(""),
            "while"
                | "although"
                | "though"
                | "when"
                | "as"
                | "because"
                | "if"
                | "after"
                | "before"
                | "since"
                | "whereas"
                | "even"
                | "once"
                | "unless"
        );
    let mut e = b;
    for i in from..=b {
        match toks[i].kind {
            Tok::Semi => {
                e = i;
                break;
            }
            Tok::Comma if i + 1 <= b => {
                let next = word(text, toks, i + 1);
                if subordinate || according(text, toks, i + 1) || (participle(next) && LEX.cue_class(next).is_some()) {
                    e = i;
                    break;
                }
            }
            _ => {}
        }
    }
    while e > from && !matches!(toks[e].kind, Tok::Word) {
        e -= 1;
    }
    e
}

fn sentence_quote(
    text: &str,
    toks: &[Token],
    a: usize,
    b: usize,
    in_stretch: &dyn Fn(usize) -> bool,
    p: usize,
) -> Option<Found> {
    let mk = |content: Span, cue: Span, class, speaker: Option<Span>, rule| Found {
        content,
        cue: Some(Cue { span: cue, class }),
        speaker,
        paragraph: p,
        open_end: false,
        direct: false,
        rule,
    };
    // A headline "Lynch: No outside influence on FBI probe".
    if p == 0 {
        if let Some(m) = (a..=b.min(a + 7)).find(|&i| toks[i].kind == Tok::Colon) {
            let name = m > a && (a..m).all(|i| is_word(toks, i) && capitalized(word(text, toks, i)));
            if name && m < b && words(toks, m + 1, b) >= 2 {
                let e = clause_end(text, toks, a, m + 1, b);
                let content = Span::new(toks[m + 1].span.start, toks[e].span.end);
                let sp = Span::new(toks[a].span.start, toks[m - 1].span.end);
                return Some(mk(content, toks[m].span, "speech", Some(sp), "indirect-headline-colon"));
            }
        }
    }
    let mut k = a;
    while k <= b {
        if toks[k].kind != Tok::Word || in_stretch(k) {
            k += 1;
            continue;
        }
        if according(text, toks, k) && k < b {
            let cue = Span::new(toks[k].span.start, toks[k + 1].span.end);
            let lead_only = (a..k).all(|i| !is_word(toks, i) || tagged(text, &toks[i], LEAD));
            if lead_only {
                // "According to X, …"
                let r = speakers::after(text, toks, k + 2, b + 1)?;
                let comma = (r.1 + 1..=b).find(|&i| toks[i].kind == Tok::Comma)?;
                let e = clause_end(text, toks, a, comma + 1, b);
                if e > comma + 2 {
                    let content = Span::new(toks[comma + 1].span.start, toks[e].span.end);
                    return Some(mk(
                        content,
                        cue,
                        "source",
                        Some(speakers::span(toks, r)),
                        "indirect-according-before",
                    ));
                }
                return None;
            }
            if k > a && toks[k - 1].kind == Tok::Comma && words(toks, a, k - 1) >= 3 {
                let r = speakers::after(text, toks, k + 2, b + 1);
                let mut e = k - 2;
                // ", according to X, …": the attribution inside its content.
                if let Some(m) = r.and_then(|r| (r.1 + 1..=b.min(r.1 + 2)).find(|&i| toks[i].kind == Tok::Comma)) {
                    if m < b && words(toks, m + 1, b) >= 2 {
                        e = clause_end(text, toks, a, m + 1, b);
                    }
                }
                let content = Span::new(toks[a].span.start, toks[e].span.end);
                return Some(mk(
                    content,
                    cue,
                    "source",
                    r.map(|r| speakers::span(toks, r)),
                    "indirect-according-after",
                ));
            }
            k += 2;
            continue;
        }
        let Some(class) = cue_at(text, toks, k) else {
            k += 1;
            continue;
        };
        let w = word(text, toks, k);
        // "…, Smith said." / "…, said Smith."
        let rest_words = if k < b { words(toks, k + 1, b) } else { 0 };
        let rest_is_adverbial = k < b && is_word(toks, k + 1) && {
            let n = word(text, toks, k + 1);
            LEX.stop_forward(n) && !(k + 1..=b).any(|i| word(text, toks, i).eq_ignore_ascii_case("that"))
        };
        // ", said lobbyist and GOP strategist Charlie Black." runs to the end.
        let inverted_to_end = k > a
            && toks[k - 1].kind == Tok::Comma
            && speakers::after(text, toks, k + 1, b + 1).is_some_and(|r| clause_end(text, toks, a, r.1, b) == r.1);
        if rest_words <= 2 || (rest_words <= 8 && rest_is_adverbial) || inverted_to_end {
            if k > a && toks[k - 1].kind == Tok::Comma {
                if let Some(r) = speakers::after(text, toks, k + 1, b + 1) {
                    if k >= a + 2 && words(toks, a, k - 2) >= 3 {
                        let content = Span::new(toks[a].span.start, toks[k - 2].span.end);
                        let sp = Some(speakers::span(toks, r));
                        return Some(mk(content, toks[k].span, class, sp, "indirect-said-after-inverted"));
                    }
                }
            }
            if let Some(r) = speakers::before(text, toks, k, a) {
                if r.0 > a + 1 && toks[r.0 - 1].kind == Tok::Comma && words(toks, a, r.0 - 1) >= 3 {
                    let content = Span::new(toks[a].span.start, toks[r.0 - 2].span.end);
                    let sp = Some(speakers::span(toks, r));
                    return Some(mk(content, toks[k].span, class, sp, "indirect-said-after"));
                }
            }
        }
        // "…, Smith said, …": the attribution inside its content.
        let inside_ok = class == "speech" && !participle(w);
        if let Some(m) = (k + 1..=b.min(k + 3)).find(|&i| inside_ok && toks[i].kind == Tok::Comma) {
            if let Some(r) = speakers::before(text, toks, k, a) {
                let lead = r.0 > a + 1 && toks[r.0 - 1].kind == Tok::Comma && words(toks, a, r.0 - 1) >= 1;
                if lead && words(toks, m, b) >= 2 && !tagged(text, &toks[a], PRONOUN) {
                    let e = clause_end(text, toks, a, m + 1, b);
                    let content = Span::new(toks[a].span.start, toks[e].span.end);
                    let sp = Some(speakers::span(toks, r));
                    return Some(mk(content, toks[k].span, class, sp, "indirect-said-inside"));
                }
            }
        }
        if LEX.direct_only(w) {
            k += 1;
            continue;
        }
        // "Smith said (that) …"
        let speaker = if participle(w) && k > a && toks[k - 1].kind == Tok::Comma {
            speakers::subject(text, toks, a, k)
        } else {
            speakers::before(text, toks, k, a)
        };
        let Some(r) = speaker else {
            k += 1;
            continue;
        };
        let mut c = k + 1;
        if c <= b && LEX.takes_object(w) {
            // Skip the addressee: "told reporters", "told The Associated Press".
            let that = (c..=b.min(c + 6)).find(|&i| word(text, toks, i).eq_ignore_ascii_case("that"));
            c = match that {
                Some(t) => t,
                None => {
                    let mut e = c;
                    while e <= b && e < c + 4 && is_word(toks, e) && (capitalized(word(text, toks, e)) || e == c) {
                        e += 1;
                    }
                    e
                }
            };
        }
        if c > b || !(is_word(toks, c) || matches!(toks[c].kind, Tok::Dash | Tok::Comma)) {
            k += 1;
            continue;
        }
        // "said — on Twitter, as it happens — that …"
        if toks[c].kind == Tok::Dash || toks[c].kind == Tok::Comma {
            match (c..=b.min(c + 14)).find(|&i| word(text, toks, i).eq_ignore_ascii_case("that")) {
                Some(t) => c = t,
                None => {
                    k += 1;
                    continue;
                }
            }
        }
        let next = word(text, toks, c);
        let lnext: &str = if next.len() <= 12 && next.bytes().any(|b| b.is_ascii_uppercase()) {
            &next.to_ascii_lowercase()
        } else {
            next
        };
        // "called for a ban": the object of "call for" is the content.
        let call_for = lnext == "for" && w.len() >= 4 && w[..4].eq_ignore_ascii_case("call");
        if LEX.not_content_start(lnext) && !(lnext == "to" && matches!(class, "intention" | "appearance")) && !call_for
        {
            k += 1;
            continue;
        }
        if matches!(class, "intention" | "appearance") && lnext != "to" && lnext != "that" {
            k += 1;
            continue;
        }
        if matches!(lnext, "in" | "on" | "at" | "so" | "about" | "of" | "with") {
            // "said in a statement that …": the clause starts at "that".
            match (c..=b.min(c + 8)).find(|&i| word(text, toks, i).eq_ignore_ascii_case("that")) {
                Some(t) if lnext != "so" => c = t,
                _ => {
                    k += 1;
                    continue;
                }
            }
        }
        let e = clause_end(text, toks, a, c, b);
        // "declined to comment" is whole at two words; a bare clause needs three.
        let least = if lnext == "to" || call_for { 2 } else { 3 };
        if words(toks, c, e) < least {
            k += 1;
            continue;
        }
        let content = Span::new(toks[c].span.start, toks[e].span.end);
        return Some(mk(content, toks[k].span, class, Some(speakers::span(toks, r)), "indirect-cue-before"));
    }
    None
}

/// The kind of `content` from the quoted stretches: direct when at least
/// 98% of its letters and digits are inside marks, indirect when none is.
fn kind(text: &str, content: Span, st: &[Stretch]) -> QuoteKind {
    let first = st.partition_point(|s| s.span.end <= content.start);
    let (mut n, mut inside) = (0usize, 0usize);
    let mut si = first;
    for (i, c) in content.slice(text).char_indices() {
        if !c.is_alphanumeric() {
            continue;
        }
        let pos = content.start + i;
        while si < st.len() && st[si].span.end <= pos {
            si += 1;
        }
        n += 1;
        if si < st.len() && st[si].span.start <= pos {
            inside += 1;
        }
    }
    if n == 0 || inside == 0 {
        QuoteKind::Indirect
    } else if inside * 50 >= n * 49 {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    }
}

#[cfg(test)]
mod tests;
