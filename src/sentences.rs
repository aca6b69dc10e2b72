//! Sentence pass: paragraphs, headline lines, the dateline, sentences.
//!
//! ## What it does
//! [`split`] cuts a document into paragraphs and each paragraph into
//! sentences, marks the kicker and headline lines at the start of an article
//! as [`SentenceKind::Headline`], and recognises the dateline ("BAGHDAD —",
//! "LONDON, Sept. 3 (AP) —") of the first body paragraph.
//!
//! ## How
//! * Every line is a paragraph, except a long line that stops without final
//!   punctuation and is continued in lower case (a wrapped line).
//! * Headlines: the leading paragraphs that are one short line without final
//!   punctuation, when body text follows them. Each is one sentence.
//! * Inside a paragraph a boundary candidate is a run of `.`, `!`, `?`, `…`
//!   (spaced ellipses ". . ." included) with the closing quotes and brackets
//!   after it, followed by whitespace. A lower-case next word never starts a
//!   sentence. Otherwise the word before a single period decides, from the
//!   lists in `rules/`: titles never end a sentence; abbreviations, letter-dot
//!   groups (U.S., D.C.), single letters and month abbreviations end one only
//!   before a sentence starter ("How", "The"); a.m./p.m. before a starter or a
//!   title; other words always. Bullets and numbered or lettered list items
//!   ("1.", "2)", "b.") start sentences of their own.
//!
//! ## Invariants
//! Sentences are trimmed, non-empty, in text order, never overlap, and each
//! lies inside one paragraph. The pass is linear in the text: every byte is
//! looked at a bounded number of times.
//!
//! ## Known problems
//! A sentence that ends in an abbreviation followed by a capitalised word that
//! is not a starter ("... in the U.S. Officials said") is not split, and a
//! semicolon never ends a sentence (GUM sometimes splits there).

use std::collections::HashSet;

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Dateline, Document, Sentence, SentenceKind, SentenceLayer};
use crate::rules;
use crate::span::Span;

/// Splits `doc` into paragraphs and sentences.
pub fn split(doc: &Document) -> SentenceLayer {
    let text = doc.text.as_str();
    let paragraphs = paragraphs(text);
    let headlines = headline_count(text, &paragraphs);
    let dateline = paragraphs.get(headlines).and_then(|&p| dateline(text, p));

    let mut sentences = Vec::new();
    let mut cuts = Vec::new();
    for (index, &para) in paragraphs.iter().enumerate() {
        if index < headlines {
            sentences.push(Sentence {
                span: para,
                kind: SentenceKind::Headline,
                paragraph: index,
                rule: "headline_line",
            });
            continue;
        }
        cuts.clear();
        boundaries(text, para, &mut cuts);
        let mut start = para.start;
        for &(end, rule) in cuts.iter().chain(std::iter::once(&(para.end, "paragraph_end"))) {
            if end <= start {
                continue;
            }
            let span = Span::new(start, end).trim(text);
            if !span.is_empty() {
                sentences.push(Sentence { span, kind: SentenceKind::Body, paragraph: index, rule });
            }
            start = end;
        }
    }
    // The dateline stays inside its sentence; a match that a sentence
    // boundary cuts was no dateline.
    let dateline = dateline.filter(|d| sentences.iter().any(|s| s.span.contains(d.span)));
    SentenceLayer { paragraphs, sentences, dateline }
}

// ---------------------------------------------------------------- rules ----

struct Lexicon {
    titles: WordSet,
    non_final: WordSet,
    credit_labels: Vec<&'static str>,
    abbreviations: WordSet,
    months: WordSet,
    times: WordSet,
    before_number: WordSet,
    starters: HashSet<&'static str>,
    after_time: HashSet<&'static str>,
    fronted: Vec<&'static str>,
    bullets: Vec<char>,
    /// Names spelled with "!" ("Yahoo!").
    bang_names: WordSet,
    /// Top-level domains ("Gov" in "ChildTaxCredit.Gov").
    domain_suffixes: WordSet,
    /// Bytes at which the boundary scan has something to check: final
    /// punctuation, quotes, bullets, the colons of credit labels and
    /// the lead bytes of non-ASCII characters.
    interesting: [bool; 256],
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let abbr = rules::file("abbreviations.rules");
    let sent = rules::file("sentences.rules");
    let mut interesting = [false; 256];
    for b in [b'.', b'!', b'?', b'"', b'*', b':'] {
        interesting[usize::from(b)] = true;
    }
    for (b, slot) in interesting.iter_mut().enumerate().skip(0xC0) {
        *slot = b >= 0xC0;
    }
    for label in sent.section("credit_label") {
        assert!(label.ends_with(':'), "rules/sentences.rules: credit label {label:?} does not end with ':'");
    }
    Lexicon {
        interesting,
        titles: WordSet::new(abbr, "title"),
        non_final: WordSet::new(abbr, "non_final"),
        credit_labels: sent.section("credit_label").collect(),
        abbreviations: WordSet::new(abbr, "abbreviation"),
        bang_names: WordSet::new(abbr, "bang_name"),
        domain_suffixes: WordSet::new(sent, "domain_suffix"),
        months: WordSet::new(rules::file("months.rules"), "abbreviation"),
        times: WordSet::new(abbr, "time"),
        before_number: WordSet::new(abbr, "before_number"),
        starters: rules::file("sentence_starters.rules").section("starter").collect(),
        after_time: sent.section("after_time").collect(),
        fronted: sent.section("fronted_preposition").collect(),
        bullets: sent
            .section("bullet")
            .map(|b| {
                let mut chars = b.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => c,
                    _ => panic!("rules/sentences.rules: bullet {b:?} is not one character"),
                }
            })
            .collect(),
    }
});

/// Words from a rules section, matched ASCII-case-insensitively.
/// Look-ups are on the hot path of the boundary scan (every period), so the
/// keys are lowercased bytes in a set with a fast non-cryptographic hash.
struct WordSet(FxHashSet<Box<[u8]>>);

impl WordSet {
    fn new(file: &rules::RuleFile, section: &str) -> WordSet {
        WordSet(file.section(section).map(|e| e.to_ascii_lowercase().into_bytes().into_boxed_slice()).collect())
    }
}

/// Whether `word`, ASCII-lowercased (without allocating), is in `set`.
fn lookup(set: &WordSet, word: &str) -> bool {
    let mut buf = [0u8; 24];
    let n = word.len();
    if n > buf.len() {
        return false;
    }
    buf[..n].copy_from_slice(word.as_bytes());
    buf[..n].make_ascii_lowercase();
    set.0.contains(&buf[..n])
}

// ----------------------------------------------------------- paragraphs ----

/// Paragraph spans, trimmed. News text puts one paragraph on a line, so a
/// line break ends a paragraph, except where a long line stops without final
/// punctuation and the next line goes on in lower case: a line wrapped
/// inside a sentence ("... set my hand this\nthirtieth day of April").
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut open = false;
    let mut line_start = 0;
    while line_start <= text.len() {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..]).map_or(text.len(), |i| line_start + i);
        let line = Span::new(line_start, line_end).trim(text);
        if line.is_empty() {
            open = false;
        } else {
            match out.last_mut() {
                Some(para) if open && is_wrapped(text, *para, line) => para.end = line.end,
                _ => out.push(line),
            }
            open = true;
        }
        line_start = line_end + 1;
    }
    out
}

/// Whether `next` continues the paragraph `para` as a wrapped line.
fn is_wrapped(text: &str, para: Span, next: Span) -> bool {
    /// Shorter lines are list entries or headings rather than wrapped text.
    const MIN_WRAPPED: usize = 40;
    let last_line = para.slice(text).rsplit('\n').next().unwrap_or("");
    let last = last_line.chars().next_back();
    let first = next.slice(text).chars().next();
    last_line.len() >= MIN_WRAPPED
        && first.is_some_and(char::is_lowercase)
        && last.is_some_and(|c| c.is_alphanumeric() || c == ',')
}

// ------------------------------------------------------------ headlines ----

/// How many leading paragraphs are kicker or headline lines: at most 25
/// words, no final punctuation, no sentence boundary inside, and body text
/// after them.
fn headline_count(text: &str, paragraphs: &[Span]) -> usize {
    let mut cuts = Vec::new();
    let n = paragraphs
        .iter()
        .take(4)
        .take_while(|&&p| {
            let s = p.slice(text);
            let last = s.trim_end_matches(is_closer).chars().next_back();
            let looks = s.split_whitespace().take(26).count() <= 25
                && last.is_some_and(|c| !is_terminal(c) && c != ':' && c != ',');
            looks && {
                cuts.clear();
                boundaries(text, p, &mut cuts);
                cuts.is_empty()
            }
        })
        .count();
    if n < paragraphs.len() {
        n
    } else {
        0
    }
}

// ------------------------------------------------------------- dateline ----

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // An all-capitals place with an optional region or date and agency
    // ("LONDON, Sept. 3 (AP) —"), or a title-case place that an agency in
    // brackets vouches for ("Washington (CNN) —").
    Regex::new(
        r"(?x)^(?:
          (?P<caps>\p{Lu}[\p{Lu}'.\-]+(?:[\ ]\p{Lu}[\p{Lu}'.\-]+){0,3})
          (?:,[\ ](?:\p{Lu}[\p{L}.]*[\ ]?){1,3}(?:\d{1,2})?)?
          (?:[\ ]\((?P<agency>[\p{L}\ .&]+)\))?
        | (?P<title>\p{Lu}[\p{L}'\-]+(?:[\ ]\p{Lu}[\p{L}'\-]+){0,2})
          (?:,[\ ](?:\p{Lu}[\p{L}.]*[\ ]?){1,3}(?:\d{1,2})?)?
          [\ ]\((?P<agency2>[\p{L}\ .&]+)\)
        )[\ ]*(?:—|–|--|-)[\ ]",
    )
    .expect("dateline regex compiles")
});

/// The dateline at the start of `para`, if any.
fn dateline(text: &str, para: Span) -> Option<Dateline> {
    let s = para.slice(text);
    let m = DATELINE.captures(s)?;
    let place = m.name("caps").or_else(|| m.name("title"))?;
    let whole = m.get(0)?;
    let trim = |t: &str| t.trim_end_matches(|c: char| c == ' ' || is_dash(c)).len();
    let head = trim(whole.as_str());
    let place_len = trim(place.as_str());
    Some(Dateline {
        span: Span::new(para.start, para.start + head),
        place: Span::new(para.start + place.start(), para.start + place.start() + place_len),
        rule: if m.name("agency").or_else(|| m.name("agency2")).is_some() {
            "dateline_agency"
        } else {
            "dateline_place"
        },
    })
}

// ----------------------------------------------------------- boundaries ----

/// Pushes the sentence ends inside `para` (byte offsets after the final
/// punctuation, closers and citation marks, before whitespace) with the rule
/// for each.
fn boundaries(text: &str, para: Span, out: &mut Vec<(usize, &'static str)>) {
    let bytes = text.as_bytes();
    let list = list_items(text, para);
    let groups = bracket_groups(text, para);
    let (mut next_item, mut group) = (0, 0);
    let mut sentence_start = para.start;
    // Whether a double quotation is open: an ellipsis inside one marks an
    // omission from the quoted words, not a sentence end.
    let mut in_quote = false;
    let mut i = para.start;
    while i < para.end {
        // Most bytes matter to no rule: skip them in a tight loop, stopping
        // at the next list item.
        let stop = list.starts.get(next_item).map_or(para.end, |&s| s.min(para.end));
        while i < stop && !LEX.interesting[usize::from(bytes[i])] {
            i += 1;
        }
        if i >= para.end {
            break;
        }
        let b = bytes[i];
        match (b, bytes.get(i + 1..i + 3)) {
            (b'"', _) => in_quote = !in_quote,
            (0xE2, Some([0x80, 0x9C])) => in_quote = true,
            (0xE2, Some([0x80, 0x9D])) => in_quote = false,
            _ => {}
        }
        if list.starts.get(next_item) == Some(&i) {
            next_item += 1;
            if i > sentence_start {
                out.push((i, "list_item"));
                sentence_start = i;
            }
        }
        let wide_stop = is_wide_stop(bytes, i);
        let is_candidate = matches!(b, b'.' | b'!' | b'?') || is_ellipsis_char(bytes, i) || wide_stop;
        if !is_candidate {
            let width = if b < 0x80 { 1 } else { text[i..].chars().next().map_or(1, char::len_utf8) };
            if b == b':' {
                // Found at its colon, so that capital letters need no stop in the scan.
                if let Some(label) = credit_label_before(text, i + 1) {
                    if label > sentence_start && preceded_by_space(bytes, label) {
                        out.push((label, "credit_label"));
                        sentence_start = label;
                    }
                }
            } else if i > sentence_start && preceded_by_space(bytes, i) && starts_bullet(text, i, width) {
                out.push((i, "bullet"));
                sentence_start = i;
            }
            i += width;
            continue;
        }
        let run = terminal_run(text, i, para.end);
        i = run.end.max(i + 1);
        while groups.get(group).is_some_and(|&(_, close)| close < run.start) {
            group += 1;
        }
        if groups.get(group).is_some_and(|&(open, close)| open < run.start && run.end <= close) {
            // Inside a short bracket group ("[16: firma? 13:28]"): a group
            // ends its sentence only at its closing bracket.
            continue;
        }
        let next = skip_space(text, run.end, para.end);
        if next >= para.end {
            continue;
        }
        if wide_stop {
            // Full-width stops need no space after them.
            out.push((run.end, "terminal"));
            sentence_start = skip_space(text, run.end, para.end);
            continue;
        }
        if next == run.end {
            // Inside a token: 3.5, U.S.-led, Jr.'s, example.com; unless
            // text that lost its spaces glues two sentences ("world.Today").
            if is_glued_boundary(text, sentence_start, &run) {
                out.push((run.end, "glued_terminal"));
                sentence_start = run.end;
            }
            continue;
        }
        let next_tok = NextToken::at(text, next, para.end);
        let opens_unit = next_tok.bracketed && !run.bang_or_question;
        if next_tok.first.is_none_or(|c| c.is_lowercase() || is_terminal(c) || is_dash(c) && !next_tok.after_dash_upper)
            && !opens_unit
        {
            // A lower-case word continues the sentence ("Yahoo! in"), and so
            // do more punctuation ("Fig. ??") and a dash before a lower-case
            // word ("voila! -- you have cake").
            continue;
        }
        if run.attached_period_end.is_some() && in_quote {
            continue;
        }
        if let Some((end, rule)) = decide(text, sentence_start, &run, &next_tok, &list) {
            out.push((end, rule));
            // The next sentence starts after the whitespace, so that no
            // later look-back walks the gap again.
            sentence_start = skip_space(text, end, para.end);
        }
    }
    // A short tail without final punctuation after the last sentence is its
    // attribution or credit ("... she was suppressive. Valeska Paris").
    if let Some(&(end, "terminal")) = out.last() {
        let tail = Span::new(end, para.end).trim(text).slice(text);
        let last = tail.trim_end_matches(is_closer).chars().next_back();
        // Cheapest test first: most paragraphs end with final punctuation.
        if last.is_some_and(char::is_alphanumeric) {
            let name = tail.trim_start_matches(|c: char| is_dash(c) || is_opener(c) || c == ' ');
            let first_word = name.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            if name.starts_with(char::is_uppercase)
                && !LEX.starters.contains(first_word)
                && tail.split_whitespace().take(13).count() <= 12
            {
                out.pop();
            }
        }
    }
}

/// Whether a bullet ("• Second point") starts a new sentence at `i`
/// without final punctuation before it.
fn starts_bullet(text: &str, i: usize, width: usize) -> bool {
    let b = text.as_bytes()[i];
    if b == b'*' || b >= 0x80 {
        let c = text[i..].chars().next().unwrap_or(' ');
        return LEX.bullets.contains(&c) && followed_by_space_or_digit(text, i + width);
    }
    false
}

/// The start of the photo-credit label ("Image:") that ends at `end`, just
/// after its colon.
fn credit_label_before(text: &str, end: usize) -> Option<usize> {
    let head = &text[..end];
    LEX.credit_labels.iter().find(|l| head.ends_with(*l)).map(|l| end - l.len())
}

/// A run of final punctuation with the closers and citation marks after it.
struct Run {
    /// First byte of the run.
    start: usize,
    /// First byte after the run, its closers and citation marks.
    end: usize,
    dots: usize,
    bang_or_question: bool,
    ellipsis_char: bool,
    /// End of the first period when the run is "word. . . ." (a period
    /// attached to a word, then a spaced ellipsis).
    attached_period_end: Option<usize>,
}

fn terminal_run(text: &str, start: usize, limit: usize) -> Run {
    let bytes = text.as_bytes();
    let mut run =
        Run { start, end: start, dots: 0, bang_or_question: false, ellipsis_char: false, attached_period_end: None };
    let mut j = start;
    let mut spaced = false;
    while j < limit {
        match bytes[j] {
            b'.' => {
                run.dots += 1;
                j += 1;
            }
            b'!' | b'?' => {
                run.bang_or_question = true;
                j += 1;
            }
            _ if is_ellipsis_char(bytes, j) || is_wide_stop(bytes, j) => {
                run.ellipsis_char |= is_ellipsis_char(bytes, j);
                j += 3;
            }
            // A spaced ellipsis: " ." continues a run of dots.
            b' ' if run.dots > 0 && !run.bang_or_question && j + 1 < limit && bytes[j + 1] == b'.' => {
                if !spaced && run.dots == 1 && j == start + 1 && start > 0 && !bytes[start - 1].is_ascii_whitespace() {
                    run.attached_period_end = Some(start + 1);
                }
                spaced = true;
                j += 1;
            }
            _ => break,
        }
    }
    // Closing quotes and brackets, possibly followed by more punctuation (.”) or ?’).
    while j < limit {
        let Some(c) = text[j..].chars().next() else { break };
        if is_closer(c) || c == '.' || c == '!' || c == '?' {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    // Footnote numbers glued to a word's period ("consultation.11 12",
    // "(1987).1"), and citation marks after the punctuation ("[7][8]",
    // " [1 - 3]") belong to the sentence they follow.
    let glued = start > 0 && (bytes[start - 1].is_ascii_lowercase() || bytes[start - 1] == b')');
    if glued && run.dots == 1 && !run.bang_or_question && j == start + 1 {
        let mut k = j;
        loop {
            let digits = bytes[k..limit].iter().take_while(|b| b.is_ascii_digit()).count();
            let after = k + digits;
            if digits == 0 || digits > 3 || !(after == limit || bytes[after].is_ascii_whitespace()) {
                break;
            }
            j = after;
            if after + 1 >= limit || bytes[after] != b' ' {
                break;
            }
            k = after + 1;
        }
    }
    loop {
        let at = if bytes.get(j) == Some(&b' ') && bytes.get(j + 1) == Some(&b'[') { j + 1 } else { j };
        match citation_len(&bytes[at..limit]) {
            Some(n) => j = at + n,
            None => break,
        }
    }
    run.end = j;
    run
}

/// The length of a citation mark at the start of `s`: `[12]`, `[1 - 3]`,
/// `[4, 7]`, `[...]`.
fn citation_len(s: &[u8]) -> Option<usize> {
    if s.first() != Some(&b'[') {
        return None;
    }
    let close = s.iter().take(16).position(|&b| b == b']')?;
    let inner = &s[1..close];
    let ok = !inner.is_empty()
        && inner.iter().any(|b| b.is_ascii_digit() || *b == b'.')
        && inner.iter().all(|b| b.is_ascii_digit() || matches!(b, b' ' | b',' | b'-' | b'.'));
    ok.then_some(close + 1)
}

/// The token after a boundary candidate.
struct NextToken<'a> {
    /// The first character after opening quotes and brackets.
    first: Option<char>,
    /// The token opens with a bracket: "(credit: ...)" starts a new unit
    /// whatever its case.
    bracketed: bool,
    /// The leading letters and digits ("However" of "However,").
    word: &'a str,
    /// The token is a dash and the word after it is capitalised ("- Posted").
    after_dash_upper: bool,
}

impl<'a> NextToken<'a> {
    fn at(text: &'a str, start: usize, limit: usize) -> NextToken<'a> {
        let rest = &text[start..limit];
        let bracketed = rest.starts_with(['(', '[']);
        let rest = rest.trim_start_matches(is_opener);
        let word_len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        let after_dash = rest.trim_start_matches(is_dash);
        let after_dash_upper = after_dash.len() < rest.len() && after_dash.trim_start().starts_with(char::is_uppercase);
        NextToken { first: rest.chars().next(), bracketed, word: &rest[..word_len], after_dash_upper }
    }
}

/// Whether the candidate `run` ends a sentence, and where.
fn decide(
    text: &str,
    sentence_start: usize,
    run: &Run,
    next: &NextToken<'_>,
    list: &ListItems,
) -> Option<(usize, &'static str)> {
    let lex = &*LEX;
    let starter = lex.starters.contains(next.word);
    let upper_next = next.first.is_some_and(char::is_uppercase);
    if run.bang_or_question {
        let word = word_before(text, sentence_start, run.start);
        if run.dots == 0 && text.get(word.start..run.start + 1).is_some_and(|w| lookup(&lex.bang_names, w)) {
            return starter.then_some((run.end, "abbreviation_starter"));
        }
        return Some((run.end, "terminal"));
    }
    if let Some(end) = run.attached_period_end {
        // "word. . . . The": the sentence ends at the word's period and the
        // ellipsis opens the next one.
        return upper_next.then_some((end, "period_before_ellipsis"));
    }
    if run.ellipsis_char || run.dots == 3 {
        // An ellipsis inside a sentence marks an omission; it ends the
        // sentence only before a starter ("I" continues: ". . . I didn't").
        return (starter && next.word != "I").then_some((run.end, "ellipsis_starter"));
    }
    if run.dots != 1 {
        // "...." and ". . . .": an ellipsis and a period.
        return Some((run.end, "ellipsis_period"));
    }
    let word = word_before(text, sentence_start, run.start);
    let with_period = &text[word.start..run.start + 1];
    let w = word.slice(text);
    if list.markers.contains(&run.start) || (word.start == first_token(text, sentence_start) && is_marker_word(w)) {
        return None;
    }
    if lookup(&lex.titles, with_period) || lookup(&lex.non_final, with_period) {
        return None;
    }
    let digit_next = next.first.is_some_and(|c| c.is_ascii_digit());
    if lookup(&lex.before_number, with_period) && digit_next {
        return None;
    }
    if lookup(&lex.months, with_period) {
        return (!digit_next && starter).then_some((run.end, "month_starter"));
    }
    if lookup(&lex.times, with_period) {
        let ends =
            upper_next && !lex.after_time.contains(next.word) && !is_fronted_time(text, sentence_start, word.start);
        return ends.then_some((run.end, "time_capital"));
    }
    let mut chars = w.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_lowercase() {
            // "contain v. If": a lone lower-case letter is a symbol, not a word.
            return None;
        }
    }
    if lookup(&lex.abbreviations, with_period) || is_letter_group(w) {
        return starter.then_some((run.end, "abbreviation_starter"));
    }
    Some((run.end, "terminal"))
}

/// Whether a single stop with no space after it ends a sentence: between a
/// word in lower case or a number and a capitalised word ("world.Today",
/// "1,000.That"), outside URLs, e-mail addresses and paths, and not after an
/// abbreviation or an initial ("Mr.Smith", "U.S.Army" stay whole).
fn is_glued_boundary(text: &str, sentence_start: usize, run: &Run) -> bool {
    let bytes = text.as_bytes();
    let capitalised_word = |i: usize| {
        bytes.get(i).is_some_and(u8::is_ascii_uppercase) && bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase)
    };
    if run.end != run.start + 1 || run.dots + usize::from(run.bang_or_question) == 0 || !capitalised_word(run.end) {
        return false;
    }
    let word = word_before(text, sentence_start, run.start);
    let w = word.slice(text);
    let last = w.bytes().next_back();
    let rest = &bytes[run.end..];
    // Bounded, so that a long run of glued words stays linear.
    let rest = &rest[..rest.iter().take(64).position(u8::is_ascii_whitespace).unwrap_or(rest.len().min(64))];
    let suffix = &rest[..rest.iter().position(|b| !b.is_ascii_alphabetic()).unwrap_or(rest.len())];
    w.len() >= 2
        && !rest.iter().any(|b| matches!(b, b'/' | b'@' | b'\\'))
        && !std::str::from_utf8(suffix).is_ok_and(|s| lookup(&LEX.domain_suffixes, s))
        && last.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && !w.bytes().any(|b| matches!(b, b'.' | b'/' | b'@' | b':' | b'\\' | b'_' | b'#'))
        && !lookup(&LEX.titles, &text[word.start..run.end])
        && !lookup(&LEX.non_final, &text[word.start..run.end])
        && !lookup(&LEX.abbreviations, &text[word.start..run.end])
}

/// The word ending at `end` (the byte of its final period): back to
/// whitespace, not before `floor`, without its opening quotes or brackets.
/// An apostrophe inside the word ("didn't") is part of it.
fn word_before(text: &str, floor: usize, end: usize) -> Span {
    let head = &text[floor..end];
    let start = head
        .rfind(char::is_whitespace)
        .map_or(floor, |i| floor + i + head[i..].chars().next().map_or(1, char::len_utf8));
    let word = &text[start..end];
    Span::new(end - word.trim_start_matches(is_opener).len(), end)
}

/// The start of the first token of the sentence starting at `start`,
/// skipping whitespace and bullets.
fn first_token(text: &str, start: usize) -> usize {
    let s = &text[start..];
    let skipped = s.trim_start_matches(|c: char| c.is_whitespace() || LEX.bullets.contains(&c));
    start + (s.len() - skipped.len())
}

/// "1", "12", "a", "B": a list marker when it opens a sentence ("1. The first item").
fn is_marker_word(w: &str) -> bool {
    (!w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
        || (w.len() == 1 && w.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// "U.S", "D.C", "e.g", "U.S.A", "E" (an initial): single letters joined by periods.
fn is_letter_group(w: &str) -> bool {
    !w.is_empty()
        && w.split('.').all(|piece| {
            let mut cs = piece.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
        })
}

/// Whether the sentence so far is only a fronted time phrase: a preposition
/// from the rules and at most two more words ("At 5 a.m.").
fn is_fronted_time(text: &str, sentence_start: usize, word_start: usize) -> bool {
    let sofar = text[sentence_start..word_start].trim_start();
    sofar.split_whitespace().take(4).count() <= 3
        && LEX.fronted.iter().any(|p| sofar.strip_prefix(p).is_some_and(|r| r.starts_with(' ')))
}

/// Byte ranges (open, close) of the outermost short bracket groups of the
/// paragraph: `(...)` and `[...]` closed within `MAX_GROUP` bytes. Longer or
/// unclosed brackets are ignored, so a stray bracket costs nothing.
fn bracket_groups(text: &str, para: Span) -> Vec<(usize, usize)> {
    const MAX_GROUP: usize = 200;
    let bytes = &text.as_bytes()[para.range()];
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr::memchr2(b'(', b'[', &bytes[i..]) {
        i += k;
        let open = bytes[i];
        let close = if open == b'(' { b')' } else { b']' };
        let window = &bytes[i + 1..bytes.len().min(i + 1 + MAX_GROUP)];
        let mut depth = 0usize;
        let found = window.iter().position(|&b| {
            if b == open {
                depth += 1;
            } else if b == close {
                if depth == 0 {
                    return true;
                }
                depth -= 1;
            }
            false
        });
        match found {
            Some(k) => {
                let end = i + 1 + k;
                out.push((para.start + i, para.start + end));
                i = end + 1;
            }
            None => i += 1,
        }
    }
    out
}

// ----------------------------------------------------------- list items ----

/// Inline numbered or lettered lists ("1. a 2. b", "(a) x (b) y"), starting
/// at the paragraph start or after final punctuation.
#[derive(Default)]
struct ListItems {
    /// Where each item after the first starts (at its bullet, if any).
    starts: Vec<usize>,
    /// The byte of the period of each item's marker ("1." in "1. The ..."),
    /// which never ends a sentence.
    markers: Vec<usize>,
}

static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s•⁃▪◦‣·])(?P<open>\(?)(?P<label>\d{1,3}|[a-z])(?P<punct>\.\)|\)|\.)[ \t]")
        .expect("list marker regex compiles")
});

fn list_items(text: &str, para: Span) -> ListItems {
    let mut items = ListItems::default();
    let s = para.slice(text);
    if !has_marker_shape(s.as_bytes()) {
        return items;
    }
    let mut chain: Vec<(usize, Option<usize>)> = Vec::new();
    let mut expected: Option<(u32, &str, &str)> = None;
    for m in LIST_MARKER.captures_iter(s) {
        let (Some(open), Some(label), Some(punct)) = (m.name("open"), m.name("label"), m.name("punct")) else {
            continue;
        };
        let value = marker_value(label.as_str());
        let item_start = item_start(s, open.start());
        let continues = expected.is_some_and(|(v, o, p)| value == v && open.as_str() == o && punct.as_str() == p);
        if !continues {
            if chain.len() >= 2 {
                break;
            }
            // A chain may start at the paragraph start or after final punctuation.
            let head = s[..item_start].trim_end();
            let opens = head.is_empty() || head.ends_with(|c: char| is_terminal(c) || is_closer(c));
            chain.clear();
            expected = None;
            if !opens {
                continue;
            }
        }
        let marker = punct.as_str().starts_with('.').then_some(para.start + punct.start());
        chain.push((para.start + item_start, marker));
        expected = Some((value + 1, open.as_str(), punct.as_str()));
    }
    if chain.len() >= 2 {
        // Every item starts a sentence; the first one does so by itself when
        // it opens the paragraph.
        items.starts = chain.iter().map(|&(start, _)| start).filter(|&start| start > para.start).collect();
        items.markers = chain.iter().filter_map(|&(_, m)| m).collect();
    }
    items
}

/// Cheap pre-check for `list_items`: a 1-3 digit number or a lone lower-case
/// letter after whitespace or "(" and before "." or ")" and a space.
fn has_marker_shape(s: &[u8]) -> bool {
    let mut from = 0;
    while let Some(k) = memchr::memchr2(b'.', b')', &s[from..]) {
        let p = from + k;
        from = p + 1;
        if !matches!(s.get(p + 1), Some(b' ' | b'\t' | b')')) {
            continue;
        }
        let label = s[..p].iter().rev().take_while(|b| b.is_ascii_alphanumeric()).count();
        let start = p - label;
        let head_ok = start == 0 || matches!(s[start - 1], b' ' | b'\t' | b'(') || s[start - 1] >= 0x80;
        let lab = &s[start..p];
        let shape = (1..=3).contains(&lab.len()) && lab.iter().all(u8::is_ascii_digit)
            || lab.len() == 1 && lab[0].is_ascii_lowercase();
        if head_ok && shape {
            return true;
        }
    }
    false
}

/// Where a list item whose marker starts at `marker` begins: at a bullet
/// just before it, else at the marker.
fn item_start(s: &str, marker: usize) -> usize {
    let head = s[..marker].trim_end();
    match head.chars().next_back() {
        Some(c) if LEX.bullets.contains(&c) => head.len() - c.len_utf8(),
        _ => marker,
    }
}

fn marker_value(label: &str) -> u32 {
    match label.parse::<u32>() {
        Ok(v) => v,
        Err(_) => label.bytes().next().map_or(0, |b| u32::from(b.wrapping_sub(b'a')) + 1),
    }
}

// ------------------------------------------------------------ character ----

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '．' | '。')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

fn is_ellipsis_char(bytes: &[u8], i: usize) -> bool {
    bytes.get(i..i + 3) == Some(&[0xE2, 0x80, 0xA6])
}

/// The full-width stops "．" and "。".
fn is_wide_stop(bytes: &[u8], i: usize) -> bool {
    matches!(bytes.get(i..i + 3), Some([0xEF, 0xBC, 0x8E] | [0xE3, 0x80, 0x82]))
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '{' | '«' | '¿' | '¡')
}

fn skip_space(text: &str, from: usize, limit: usize) -> usize {
    let rest = &text[from..limit];
    limit - rest.trim_start().len()
}

fn preceded_by_space(bytes: &[u8], i: usize) -> bool {
    i > 0 && bytes[i - 1].is_ascii_whitespace()
}

fn followed_by_space_or_digit(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(|c| c.is_whitespace() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: &[&str]) {
        let doc = Document::new("t", input, None);
        let got: Vec<&str> = split(&doc).sentences.iter().map(|s| doc.slice(s.span)).collect();
        assert_eq!(got, expected, "input: {input:?}");
    }

    /// Every `[examples]` line of the sentence pass's rule files.
    #[test]
    fn rule_examples() {
        let failures = rules::failing_examples(rules::Owner::Sentences, |input| {
            let doc = Document::new("t", input, None);
            let got: Vec<&str> = split(&doc).sentences.iter().map(|s| doc.slice(s.span)).collect();
            got.join(" | ")
        });
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn paragraphs_and_headlines() {
        let text = "Kicker line\nThe headline here\n\nBAGHDAD — The first sentence. The second.\nA new paragraph.";
        let doc = Document::new("t", text, None);
        let layer = split(&doc);
        let kinds: Vec<_> = layer.sentences.iter().map(|s| (doc.slice(s.span), s.kind, s.paragraph)).collect();
        assert_eq!(
            kinds,
            vec![
                ("Kicker line", SentenceKind::Headline, 0),
                ("The headline here", SentenceKind::Headline, 1),
                ("BAGHDAD — The first sentence.", SentenceKind::Body, 2),
                ("The second.", SentenceKind::Body, 2),
                ("A new paragraph.", SentenceKind::Body, 3),
            ]
        );
        let dl = layer.dateline.expect("dateline");
        assert_eq!(doc.slice(dl.place), "BAGHDAD");
    }

    #[test]
    fn datelines() {
        for (para, place, whole) in [
            ("WASHINGTON (Reuters) - The Senate voted.", "WASHINGTON", "WASHINGTON (Reuters)"),
            ("LONDON, Sept. 3 (AP) — Rain fell.", "LONDON", "LONDON, Sept. 3 (AP)"),
            ("NEW YORK — Stocks rose.", "NEW YORK", "NEW YORK"),
        ] {
            let doc = Document::new("t", para, None);
            let dl = split(&doc).dateline.unwrap_or_else(|| panic!("no dateline in {para:?}"));
            assert_eq!((doc.slice(dl.place), doc.slice(dl.span)), (place, whole));
        }
        let doc = Document::new("t", "The Senate voted - again.", None);
        assert!(split(&doc).dateline.is_none());
    }

    #[test]
    fn lines_are_paragraphs_unless_wrapped() {
        check("features\ncontact list\n\nNext one.", &["features", "contact list", "Next one."]);
        check(
            "I have hereunto set my hand on this, the\nthirtieth day of April. Done.",
            &["I have hereunto set my hand on this, the\nthirtieth day of April.", "Done."],
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for t in
            ["", " ", "\n\n", ".", "...", "“", "a. b. c.", "\u{feff}Hi. There.", "x\r\ny\r\n", "• • •", "1.", ". . . ."]
        {
            let doc = Document::new("t", t, None);
            let layer = split(&doc);
            for s in &layer.sentences {
                assert!(!s.span.is_empty() && t.get(s.span.range()).is_some());
            }
        }
    }
}
