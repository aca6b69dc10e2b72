//! Tokens of one paragraph: words and the punctuation the attribution rules
//! look at, with byte spans into the text.
//!
//! ## What it does
//! [`tokenize`] splits a paragraph into words (letters and digits, with inner
//! apostrophes, hyphens, periods and ampersands: "al-Abbassi", "U.S.",
//! "D’Souza"), quotation marks, and single punctuation tokens. A period that
//! ends a word but not its sentence ("Mr.", "Gen.") stays with the word: the
//! sentence pass has already decided which periods end sentences.
//! Each token knows its sentence (an index into the sentence layer).

use crate::document::Sentence;
use crate::span::Span;

use super::lexicon::{Entry, LEXICON};
use super::marks::is_mark;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    Word,
    Comma,
    /// ; or :
    Colon,
    Semi,
    /// . ! ? …
    Stop,
    /// — – or --
    Dash,
    /// A double quotation mark.
    Mark,
    /// ( ) [ ] and anything else.
    Other,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub(crate) span: Span,
    pub(crate) kind: Tok,
    /// Index of the sentence the token starts in.
    pub(crate) sentence: usize,
    /// What rules/quotes.rules says about a word that may be a cue, looked
    /// up once (`None` for other words: see `lexicon::tagged`).
    pub(crate) lex: Option<&'static Entry>,
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '.' | '&' | '\u{2010}' | '\u{2011}' | '/')
}

/// The char at byte `j` of `s` (on a boundary), with an ASCII fast path.
fn char_at(s: &str, j: usize) -> Option<char> {
    match s.as_bytes().get(j) {
        None => None,
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s.get(j..).and_then(|r| r.chars().next()),
    }
}

/// The tokens of paragraph `para`, whose sentences are `sentences[first..]`
/// (those that start inside it).
pub(crate) fn tokenize(text: &str, para: Span, sentences: &[Sentence], first: usize, out: &mut Vec<Token>) {
    out.clear();
    let s = para.slice(text);
    let mut sent = first;
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        let clen = c.len_utf8();
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        let abs = para.start + i;
        while sent + 1 < sentences.len() && sentences[sent + 1].span.start <= abs {
            sent += 1;
        }
        if word_char(c) {
            let mut end = i + clen;
            while let Some(a) = char_at(s, end) {
                if word_char(a) {
                    end += a.len_utf8();
                } else if joiner(a) && char_at(s, end + a.len_utf8()).is_some_and(word_char) {
                    end += a.len_utf8();
                } else {
                    break;
                }
            }
            // A final period stays with the word when the sentence goes on
            // after it (an abbreviation), or when the word already holds
            // periods ("U.S.").
            if s.as_bytes().get(end) == Some(&b'.') && s.as_bytes().get(end + 1) != Some(&b'.') {
                let sentence_end = sentences.get(sent).map_or(para.end, |x| x.span.end);
                let after = para.start + end + 1;
                if after < sentence_end || s[i..end].contains('.') {
                    end += 1;
                }
            }
            let span = Span::new(abs, para.start + end);
            let w = &s[i..end];
            let lex = if LEXICON.maybe_cue(w) { LEXICON.entry(w) } else { None };
            out.push(Token { span, kind: Tok::Word, sentence: sent, lex });
            i = end;
            continue;
        }
        let next = s.as_bytes().get(i + clen).copied();
        let (kind, len) = match c {
            ',' => (Tok::Comma, 1),
            ':' => (Tok::Colon, 1),
            ';' => (Tok::Semi, 1),
            '.' | '!' | '?' | '\u{2026}' => (Tok::Stop, clen),
            '\u{2014}' | '\u{2013}' | '\u{2015}' => (Tok::Dash, clen),
            '-' if next == Some(b'-') => (Tok::Dash, 2),
            '\'' if next == Some(b'\'') => (Tok::Mark, 2),
            '`' if next == Some(b'`') => (Tok::Mark, 2),
            c if is_mark(c) => (Tok::Mark, clen),
            _ => (Tok::Other, clen),
        };
        out.push(Token { span: Span::new(abs, abs + len), kind, sentence: sent, lex: None });
        i += len;
    }
}
