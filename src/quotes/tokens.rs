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
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '.' | '&' | '\u{2010}' | '\u{2011}' | '/')
}

/// The tokens of paragraph `para`, whose sentences are `sentences[first..]`
/// (those that start inside it).
pub(crate) fn tokenize(text: &str, para: Span, sentences: &[Sentence], first: usize, out: &mut Vec<Token>) {
    out.clear();
    let s = para.slice(text);
    let mut sent = first;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let abs = para.start + i;
        while sent + 1 < sentences.len() && sentences[sent + 1].span.start <= abs {
            sent += 1;
        }
        if c.is_whitespace() {
            continue;
        }
        if word_char(c) {
            let mut end = i + c.len_utf8();
            loop {
                let rest = &s[end..];
                let mut ch = rest.chars();
                match (ch.next(), ch.next()) {
                    (Some(a), _) if word_char(a) => end += a.len_utf8(),
                    (Some(a), Some(b)) if joiner(a) && word_char(b) => end += a.len_utf8() + b.len_utf8(),
                    _ => break,
                }
            }
            // A final period stays with the word when the sentence goes on
            // after it (an abbreviation), or when the word already holds
            // periods ("U.S.").
            if s[end..].starts_with('.') && !s[end..].starts_with("..") {
                let sentence_end = sentences.get(sent).map_or(para.end, |x| x.span.end);
                let after = para.start + end + 1;
                let inner_dot = s[i..end].contains('.');
                if after < sentence_end || inner_dot {
                    end += 1;
                }
            }
            while iter.peek().is_some_and(|&(j, _)| j < end) {
                iter.next();
            }
            out.push(Token { span: Span::new(abs, para.start + end), kind: Tok::Word, sentence: sent });
            continue;
        }
        let mut len = c.len_utf8();
        let kind = match c {
            ',' => Tok::Comma,
            ':' => Tok::Colon,
            ';' => Tok::Semi,
            '.' | '!' | '?' | '\u{2026}' => Tok::Stop,
            '\u{2014}' | '\u{2013}' | '\u{2015}' => Tok::Dash,
            '-' if s[i + 1..].starts_with('-') => {
                len = 2;
                iter.next();
                Tok::Dash
            }
            '\'' if s[i + 1..].starts_with('\'') => {
                len = 2;
                iter.next();
                Tok::Mark
            }
            '`' if s[i + 1..].starts_with('`') => {
                len = 2;
                iter.next();
                Tok::Mark
            }
            c if is_mark(c) => Tok::Mark,
            _ => Tok::Other,
        };
        out.push(Token { span: Span::new(abs, abs + len), kind, sentence: sent });
    }
}
